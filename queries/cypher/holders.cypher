// Everyone who held a post, in time order (columns as in queries/sparql/timeline.rq).
// Parameter: $post (the post's id).
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(:Post {id: $post})-[:POST_IN]->(o:Organization)
RETURN t.id AS tenure, p.name AS person, p.id AS person_id, t.role AS role, o.name AS organization,
       t.start_date AS start, t.start_reason AS start_reason, t.ended_by AS end, t.ended_by_reason AS end_reason,
       t.first_attested AS first, t.last_attested AS last, t.possible_from AS from, t.possible_until AS until,
       t.status AS status
ORDER BY coalesce(start, first, end, '9999'), person
