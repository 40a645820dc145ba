// The people with a name (one name can be several people). Parameter: $name.
MATCH (p:Person {name_key: toLower($name)})
RETURN p.name AS person, p.id AS person_id
ORDER BY person_id
