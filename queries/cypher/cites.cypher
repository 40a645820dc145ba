// What cites a document number (events and articles). Parameter: $num.
MATCH (c)-[r:CITES]->(d:Document)
WHERE toUpper(d.number) = toUpper($num)
MATCH (a:Article {article_id: r.article_id})
OPTIONAL MATCH (d)-[:ISSUED_BY]->(i:Organization)
RETURN DISTINCT d.id AS doc, d.number AS number, d.type AS type, d.date AS date, i.name AS issuer, d.term AS term,
       c.id AS citer, coalesce(c.name, a.title, a.article_id) AS citer_name, r.article_id AS article_id
ORDER BY doc, article_id
