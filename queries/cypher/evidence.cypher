// The attestations behind a tenure: article, character span, quote. Parameter: $tenure (id).
MATCH (t:Tenure {id: $tenure})-[m:MENTIONED_IN]->(a:Article)
RETURN DISTINCT a.article_id AS article_id, m.start AS start, m.end AS end, m.quote AS quote, m.date AS date,
       m.basis AS basis, m.status AS status
ORDER BY coalesce(date, ""), article_id, start
