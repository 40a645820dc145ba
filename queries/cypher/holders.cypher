// Everyone who held a post, in time order. Parameter: $post (the post's id).
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(:Post {id: $post})-[:POST_IN]->(o:Organization)
RETURN t.id AS tenure, p.name AS person, p.id AS person_id, t.role AS role, o.name AS organization,
       t.start_date AS start, t.ended_by AS end, t.first_attested AS first, t.last_attested AS last, t.status AS status
ORDER BY coalesce(start, first, end, '9999'), person
