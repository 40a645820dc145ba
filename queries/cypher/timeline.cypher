// A person's posts over time; one name can be several people (people-named.cypher lists those
// without a post). Parameter: $name. Columns as in queries/sparql/timeline.rq.
MATCH (p:Person {name_key: toLower($name)})-[:HOLDS]->(t:Tenure)-[:OF_POST]->(:Post)-[:POST_IN]->(o:Organization)
RETURN p.name AS person, p.id AS person_id, t.id AS tenure, t.role AS role, o.name AS organization,
       t.start_date AS start, t.start_reason AS start_reason, t.ended_by AS end, t.ended_by_reason AS end_reason,
       t.first_attested AS first, t.last_attested AS last, t.possible_from AS from, t.possible_until AS until,
       t.status AS status
ORDER BY person_id, coalesce(start, first, end, '9999'), coalesce(last, first, end), role
