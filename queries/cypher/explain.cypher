// The people of a name, their mentions and why they were merged. Parameter: $name.
MATCH (p:Person {name_key: toLower($name)})-[m:MENTIONED_IN]->(a:Article)
UNWIND CASE WHEN size(coalesce(p.merge_reasons, [])) = 0 THEN [null] ELSE p.merge_reasons END AS reason
RETURN DISTINCT p.id AS person_id, p.name AS person, m.mention AS mention, a.article_id AS article_id, reason
ORDER BY person_id, article_id, mention
