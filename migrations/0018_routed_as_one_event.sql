-- The rules that route a new message are told by one `routed` event, listing every rule that matched
-- in order, instead of one event per rule (each event is also a live event to number and deliver).
-- The events already written become one-rule lists; their message keeps one event per rule.
UPDATE "timeline_events" SET "data" = jsonb_build_object('rules', jsonb_build_array("data"))
WHERE "type" = 'routed' AND NOT "data" ? 'rules';
