-- Masking is decided over the record (DESIGN.md): a data element whose value can be read off an
-- identifier says which kind of identifier, and how it is generalized while that identifier is
-- masked in the same record — 出生日期 {"from": "citizen-id", "masking": "year"}. The bureau
-- maintains it in the registry beside the element's own masking rule.
ALTER TABLE data_elements ADD COLUMN derivation jsonb
  CHECK (derivation IS NULL OR (derivation->>'from' IN ('citizen-id', 'credit-code') AND derivation->>'masking' IN ('year', 'full')));

-- Registries that exist already: the standard elements an ID number carries (GB 11643: the
-- birth date in digits 7–14, the sex in digit 17).
UPDATE data_elements SET derivation = '{"from": "citizen-id", "masking": "year"}' WHERE name = '出生日期' AND derivation IS NULL;
UPDATE data_elements SET derivation = '{"from": "citizen-id", "masking": "full"}' WHERE name = '性别' AND derivation IS NULL;
