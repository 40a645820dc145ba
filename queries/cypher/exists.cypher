// Whether a post or body with this id is in the graph. Parameter: $iri.
OPTIONAL MATCH (a:Post {id: $iri})
OPTIONAL MATCH (b:Organization {id: $iri})
WITH coalesce(a, b) AS n WHERE n IS NOT NULL
RETURN n.id AS iri LIMIT 1
