"""The core's sentences about a file: reading it, YAML, the types of its values, the
rules of schema 1, the names of its fields, and files that are no protocol."""

MESSAGES: dict[str, dict[str, str]] = {
    # A sentence already said where it was made (Problem.sentence).
    "said_as_is": {"sv": "{text}", "en": "{text}"},
    # --- reading a file -------------------------------------------------------
    "yaml_syntax": {
        "sv": "Filen är inte giltig YAML: {detail}.",
        "en": "The file is not valid YAML: {detail}.",
    },
    "binary": {
        "sv": "Filen innehåller binärdata (NUL-tecken), inte text.",
        "en": "The file holds binary data (NUL characters), not text.",
    },
    "not_utf8": {
        "sv": "Filen är inte UTF-8-text (ogiltig byte {byte}).",
        "en": "The file is not UTF-8 text (invalid byte {byte}).",
    },
    "alias": {
        "sv": "Ankare och alias (& och *) är inte tillåtna i ett protokoll.",
        "en": "Anchors and aliases (& and *) are not allowed in a protocol.",
    },
    "bad_tag": {
        "sv": "Taggen {tag} är inte tillåten i ett protokoll.",
        "en": "The tag {tag} is not allowed in a protocol.",
    },
    "duplicate_key": {
        "sv": "Fältet {key} står två gånger (först på rad {first}).",
        "en": "The field {key} appears twice (first on line {first}).",
    },
    "empty_file": {
        "sv": "Filen är tom.",
        "en": "The file is empty.",
    },
    "label_line": {"sv": "rad {line}", "en": "line {line}"},
    "label_warning": {"sv": "varning", "en": "warning"},
    # --- types ----------------------------------------------------------------
    "expected_map": {
        "sv": "Här ska det stå fält (namn: värde), inte {found}.",
        "en": "Fields (name: value) belong here, not {found}.",
    },
    "expected_list": {
        "sv": "Här ska det stå en lista (rader som börjar med -), inte {found}.",
        "en": "A list (lines starting with -) belongs here, not {found}.",
    },
    "expected_text": {
        "sv": 'Här ska det stå text, inte {found}. Skriv den inom citattecken: "{raw}".',
        "en": 'Text belongs here, not {found}. Write it in quotes: "{raw}".',
    },
    "expected_text_only": {
        "sv": "Här ska det stå text, inte {found}.",
        "en": "Text belongs here, not {found}.",
    },
    "expected_int": {
        "sv": "Här ska det stå ett heltal, inte {found}.",
        "en": "A whole number belongs here, not {found}.",
    },
    "bad_date": {
        "sv": "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2020-02-20 (här står {raw}).",
        "en": "Dates are written YYYY-MM-DD, e.g. 2020-02-20 (this says {raw}).",
    },
    "bad_time": {
        "sv": 'Tider skrivs TT:MM inom citattecken, t.ex. "15:00" (här står {raw}).',
        "en": 'Times are written HH:MM in quotes, e.g. "15:00" (this says {raw}).',
    },
    "bad_hour": {
        "sv": "Timmen {part} finns inte i {raw} (00:00 till 23:59).",
        "en": "There is no hour {part} in {raw} (00:00 to 23:59).",
    },
    "bad_minute": {
        "sv": "Minuten {part} finns inte i {raw} (00 till 59).",
        "en": "There is no minute {part} in {raw} (00 to 59).",
    },
    "time_unquoted": {
        "sv": 'Tiden {raw} måste stå inom citattecken: "{raw}". Utan dem läser YAML den som talet {value}.',
        "en": 'The time {raw} must be in quotes: "{raw}". Without them YAML reads it as the number {value}.',
    },
    "found_number": {"sv": "ett tal ({raw})", "en": "a number ({raw})"},
    "found_bool": {"sv": "ett ja/nej-värde ({raw})", "en": "a yes/no value ({raw})"},
    "found_date": {"sv": "ett datum ({raw})", "en": "a date ({raw})"},
    "found_null": {"sv": "ingenting", "en": "nothing"},
    "found_list": {"sv": "en lista", "en": "a list"},
    "found_map": {"sv": "fält (namn: värde)", "en": "fields (name: value)"},
    "found_text": {"sv": "text ({raw})", "en": "text ({raw})"},
    "found_other": {"sv": "ett värde av annan typ ({raw})", "en": "a value of another type ({raw})"},
    # --- rules ----------------------------------------------------------------
    "required": {"sv": "{field} saknas.", "en": "{field} is missing."},
    "schema_unknown": {
        "sv": "Okänd schemaversion {found}; den här versionen av brotui läser schema 1.",
        "en": "Unknown schema version {found}; this version of brotui reads schema 1.",
    },
    "bad_status": {
        "sv": "Status måste vara draft (utkast) eller approved (justerat), inte {found}.",
        "en": "Status must be draft or approved, not {found}.",
    },
    "bad_presence": {
        "sv": "Närvaro måste vara present, excused (anmält förhinder), absent eller adjunct (adjungerad), inte {found}.",
        "en": "Presence must be present, excused, absent or adjunct, not {found}.",
    },
    "end_before_start": {
        "sv": "Sluttiden {end} ligger inte efter starttiden {start}.",
        "en": "The end time {end} is not after the start time {start}.",
    },
    "not_attendee": {
        "sv": "{name} finns inte bland deltagarna.",
        "en": "{name} is not among the attendees.",
    },
    "duplicate_attendee": {
        "sv": "{name} står två gånger bland deltagarna.",
        "en": "{name} appears twice among the attendees.",
    },
    "no_items": {
        "sv": "Protokollet måste ha minst en punkt.",
        "en": "A protocol needs at least one item.",
    },
    "item_number_positive": {
        "sv": "En punkts nummer är 1 eller mer, inte {number}.",
        "en": "An item's number is 1 or more, not {number}.",
    },
    "item_letter": {
        "sv": "En extra punkts bokstav är en eller två små bokstäver a–z (\"17 a\"), inte {letter}.",
        "en": "An extra item's letter is one or two small letters a–z (\"17 a\"), not {letter}.",
    },
    "item_order": {
        "sv": "Punkternas nummer måste öka: {number} kommer efter {previous}.",
        "en": "Item numbers must increase: {number} comes after {previous}.",
    },
    "item_empty": {
        "sv": "Punkt {number} har varken rubrik eller text.",
        "en": "Item {number} has neither a title nor a text.",
    },
    "one_line": {
        "sv": "{field} ska vara en enda rad.",
        "en": "{field} must be a single line.",
    },
    "control_char": {
        "sv": "Texten innehåller ett osynligt styrtecken ({char}) som inte får finnas i ett protokoll.",
        "en": "The text holds an invisible control character ({char}) that a protocol may not contain.",
    },
    "bad_email": {
        "sv": "{found} ser inte ut som en e-postadress.",
        "en": "{found} does not look like an e-mail address.",
    },
    "unknown_key": {
        "sv": "Okänt fält {key}; brotui behåller det som det är.",
        "en": "Unknown field {key}; brotui keeps it as it is.",
    },
    "date_mismatch": {
        "sv": "Datumet {date} stämmer inte med filnamnet ({name}).",
        "en": "The date {date} does not match the file name ({name}).",
    },
    "bad_filename": {
        "sv": "Filnamnet ska vara protocols/<råd>/<ÅÅÅÅ-MM-DD>.yaml med små bokstäver, siffror och bindestreck i rådets namn.",
        "en": "The file name should be protocols/<council>/<YYYY-MM-DD>.yaml, the council in lower-case letters, digits and hyphens.",
    },
    "symlink": {
        "sv": "Filen är en symbolisk länk; brotui följer inte länkar.",
        "en": "The file is a symbolic link; brotui does not follow links.",
    },
    "not_a_file": {
        "sv": "Det här är ingen vanlig fil.",
        "en": "This is not a regular file.",
    },
    # --- field names, as a secretary calls them -----------------------------
    "field_schema": {"sv": "Schemaversion (schema)", "en": "The schema version (schema)"},
    "field_council": {"sv": "Rådets namn (council)", "en": "The council's name (council)"},
    "field_date": {"sv": "Datum (date)", "en": "The date (date)"},
    "field_name": {"sv": "Namn (name)", "en": "The name (name)"},
    "field_generic": {"sv": "Fältet {key}", "en": "The field {key}"},
    # --- bad files (corpus) -------------------------------------------------------
    "too_deep": {
        "sv": "Värdet är nästlat för djupt (fler än {limit} listor eller fält i varandra).",
        "en": "The value is nested too deeply (more than {limit} lists or maps inside each other).",
    },
    "key_not_text_found": {
        "sv": "Ett fältnamn måste vara text, inte {found}.",
        "en": "A field name must be text, not {found}.",
    },
    "key_control": {
        "sv": "Fältnamnet innehåller ett osynligt styrtecken ({char}) som inte får finnas i ett protokoll.",
        "en": "The field name holds an invisible control character ({char}) that a protocol may not contain.",
    },
    "bom_error": {
        "sv": "Filen börjar med en osynlig byte-order-markering (BOM, U+FEFF) som ett protokoll inte ska ha; ta bort den (brotui gör det när protokollet sparas).",
        "en": "The file starts with an invisible byte-order mark (BOM, U+FEFF) that a protocol should not have; remove it (brotui does when the protocol is saved).",
    },
    "file_too_large": {
        "sv": "Filen är {size}; ett protokoll får vara högst {limit}. brotui läser den inte.",
        "en": "The file is {size}; a protocol may be at most {limit}. brotui does not read it.",
    },
    "unreadable": {
        "sv": "brotui kunde inte läsa filen ({kind}).",
        "en": "brotui could not read the file ({kind}).",
    },
    "syntax_colon": {
        "sv": "Filen är inte giltig YAML: ett kolon (:) där inget kan stå. Kontrollera indraget på den här raden och raden ovanför.",
        "en": "The file is not valid YAML: a colon (:) where none can be. Check the indentation of this line and the one above.",
    },
    "syntax_no_colon": {
        "sv": "Filen är inte giltig YAML: här väntades en rad som namn: värde. Kontrollera indraget och kolonet.",
        "en": "The file is not valid YAML: a line name: value was expected here. Check the indentation and the colon.",
    },
    "syntax_indent": {
        "sv": "Filen är inte giltig YAML: indraget stämmer inte med raderna ovanför.",
        "en": "The file is not valid YAML: the indentation does not match the lines above.",
    },
    "syntax_dash": {
        "sv": "Filen är inte giltig YAML: ett listelement (-) där inget kan stå. Kontrollera indraget.",
        "en": "The file is not valid YAML: a list entry (-) where none can be. Check the indentation.",
    },
    "syntax_tab": {
        "sv": "Filen är inte giltig YAML: en tabb används för indrag; YAML drar in med mellanslag.",
        "en": "The file is not valid YAML: a tab is used for indentation; YAML indents with spaces.",
    },
    "syntax_unclosed_quote": {
        "sv": "Filen är inte giltig YAML: citattecknet som börjar här stängs aldrig.",
        "en": "The file is not valid YAML: the quote that starts here is never closed.",
    },
    "syntax_documents": {
        "sv": "Filen är inte giltig YAML för ett protokoll: den har mer än ett dokument (en rad ---).",
        "en": "The file is not valid YAML for a protocol: it holds more than one document (a --- line).",
    },
    "symlink_target": {
        "sv": "Filen är en symbolisk länk (till {target}); brotui följer inte länkar. Spara protokollet som en vanlig fil i stället.",
        "en": "The file is a symbolic link (to {target}); brotui does not follow links. Save the protocol as a regular file instead.",
    },
    "err_not_read": {
        "sv": "{where} kan inte läsas som ett protokoll: {count} fel.",
        "en": "{where} cannot be read as a protocol: {count:error|errors}.",
    },
    "err_path_is_folder": {
        "sv": "{path} kan inte sparas: i arkivet står en mapp med det namnet där protokollets fil ska ligga.",
        "en": "{path} cannot be saved: the archive holds a folder of that name where the protocol's file should be.",
    },
    "err_path_not_tree": {
        "sv": "{path} kan inte sparas: {part} i arkivet är ingen mapp (utan en fil eller en symbolisk länk).",
        "en": "{path} cannot be saved: {part} in the archive is not a folder (but a file or a symbolic link).",
    },
    # --- the justering (brotui.core.justering.state: validation of a protocol) ---
    "review_needs_chair": {
        "sv": "Protokoll för justering behöver en ordförande (chair) som ska justera det.",
        "en": "Minutes sent for approval need a chair (chair) to sign them.",
    },
    "late_plan": {
        "sv": "Justeringen är planerad {planned}, mer än 14 dagar efter mötet ({date}).",
        "en": "Approval is planned for {planned}, more than 14 days after the meeting ({date}).",
    },
}
