//! Question-bank file formats: the native TOML format, XLSX/CSV templates, Aiken, GIFT and Moodle XML.
