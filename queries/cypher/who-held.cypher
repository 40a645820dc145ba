// Who held a post on a day, with how the graph knows it (queries/sparql/who-held.rq in Cypher).
// Parameters: $post (the post's id), $on ('YYYY-MM-DD').
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(post:Post {id: $post})-[:POST_IN]->(o:Organization)
WHERE t.first_attested IS NOT NULL
WITH p, t, post, o,
     CASE WHEN $on IN t.current_days THEN 'attested'
          WHEN t.first_attested <= $on AND $on <= t.last_attested THEN 'inside attested run'
          ELSE 'possible' END AS status
WHERE status <> 'possible' OR (
  (t.start_date IS NULL OR $on >= t.start_date) AND (t.ended_by IS NULL OR $on < t.ended_by) AND
  (NOT post.single_seat OR NOT EXISTS {
     MATCH (q:Person)-[:HOLDS]->(t2:Tenure)-[:OF_POST]->(post)
     WHERE q <> p AND t2.first_attested <= $on AND $on <= t2.last_attested }))
RETURN t.id AS tenure, p.name AS person, p.id AS person_id, t.role AS role, o.name AS organization, status,
       t.first_attested AS first, t.last_attested AS last, t.start_date AS start, t.ended_by AS ended
ORDER BY CASE status WHEN 'attested' THEN 0 WHEN 'inside attested run' THEN 1 ELSE 2 END, first, role, person
