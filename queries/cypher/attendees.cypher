// Who attended events whose name contains a text, with role and evidence. Parameter: $text.
MATCH (p:Person)-[x:ATTENDED]->(e:Event)
WHERE toLower(e.name) CONTAINS toLower($text)
RETURN DISTINCT e.name AS event, e.id AS event_id, e.date AS date, p.name AS person, p.id AS person_id,
       x.role AS role, x.article_id AS article_id, x.start AS start, x.end AS end, x.quote AS quote
ORDER BY coalesce(date, ""), event_id, person
