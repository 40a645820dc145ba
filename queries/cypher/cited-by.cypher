// The documents cited in the articles that name a body, most cited first. Parameter: $body (id).
MATCH (o:Organization {id: $body})-[:MENTIONED_IN]->(a:Article)
MATCH ()-[r:CITES {article_id: a.article_id}]->(d:Document)
OPTIONAL MATCH (d)-[:ISSUED_BY]->(i:Organization)
RETURN d.number AS number, d.type AS type, d.date AS date, i.name AS issuer, count(DISTINCT a) AS articles
ORDER BY articles DESC, number
