// Who attended the same events as a person, and how often. Parameter: $name.
MATCH (p:Person {name_key: toLower($name)})-[:ATTENDED]->(e:Event)<-[:ATTENDED]-(o:Person)
WHERE o <> p
RETURN o.name AS other, o.id AS other_id, count(DISTINCT e) AS events
ORDER BY events DESC, other
