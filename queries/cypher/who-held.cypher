// Who held a post on a day, with how the graph knows it (queries/sparql/who-held.rq in Cypher;
// the statuses and bounds are explained there). Parameters: $post (the post's id), $on ('YYYY-MM-DD').
MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(post:Post {id: $post})-[:POST_IN]->(o:Organization)
WHERE t.possible_from IS NOT NULL AND t.possible_from <= $on AND $on <= t.possible_until
WITH p, t, post, o,
     CASE WHEN $on IN t.current_days THEN 'attested'
          WHEN t.first_attested IS NOT NULL AND t.first_attested <= $on AND $on <= t.last_attested THEN 'inside attested run'
          ELSE 'possible' END AS status
OPTIONAL MATCH (s:Person {id: t.succeeded_by})
RETURN t.id AS tenure, p.name AS person, p.id AS person_id, t.role AS role, o.name AS organization, status,
       t.first_attested AS first, t.last_attested AS last, t.start_date AS start,
       t.start_reason AS start_reason, t.ended_by AS ended, t.ended_by_reason AS end_reason,
       s.name AS successor, t.succeeded_by AS successor_id, t.possible_from AS from, t.possible_from_reason AS from_reason,
       t.possible_until AS until, t.possible_until_reason AS until_reason
ORDER BY CASE status WHEN 'attested' THEN 0 WHEN 'inside attested run' THEN 1 ELSE 2 END, first, role, person
