"""The core's refusals (the archive, a save, a move or restore, identity, a period, SSH
keys) and the commit messages brotui writes."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- command line ---------------------------------------------------------
    "err_not_repo": {
        "sv": "{path} är inget git-arkiv. Ange ett med --repo eller BROTUI_REPO, eller skapa ett: brotui init {path}",
        "en": "{path} is not a git archive. Name one with --repo or BROTUI_REPO, or make one: brotui init {path}",
    },
    "err_no_protocols": {
        "sv": "{path} har ingen mapp protocols/; det är inget brotui-arkiv (brotui init skapar ett).",
        "en": "{path} has no protocols/ folder, so it is not a brotui archive (brotui init makes one).",
    },
    "err_bad_id": {
        "sv": "{id!r} är inget protokoll-id. Ett id ser ut som hagersten-liljeholmen/2020-02-20.",
        "en": "{id!r} is not a protocol id. An id looks like hagersten-liljeholmen/2020-02-20.",
    },
    "err_unknown_id": {
        "sv": "Det finns inget protokoll {id} i {where}.",
        "en": "There is no protocol {id} in {where}.",
    },
    "err_bad_rev": {
        "sv": "Revisionen {rev!r} finns inte i arkivet.",
        "en": "The revision {rev!r} does not exist in the archive.",
    },
    "err_no_identity": {
        "sv": 'Ingen identitet att spara i ditt namn. Ange den med --author "Namn <e-post>", med BROTUI_AUTHOR eller med git config user.name och user.email.',
        "en": 'No identity to save in your name. Give it with --author "Name <email>", with BROTUI_AUTHOR, or with git config user.name and user.email.',
    },
    "err_bad_identity": {
        "sv": 'Identiteten {value!r} (från {source}) ska se ut som "Namn <e-post>", t.ex. --author "Clas Cederlid <clas.cederlid@stockholm.se>".',
        "en": 'The identity {value!r} (from {source}) should look like "Name <email>", e.g. --author "Clas Cederlid <clas.cederlid@stockholm.se>".',
    },
    "err_invisible_in_name": {
        "sv": "{source} har ett osynligt tecken eller styrtecken ({char}) i {value}: med "
              "det kan ett namn se ut precis som någon annans. Skriv det utan tecknet.",
        "en": "{source} has an invisible or control character ({char}) in {value}: with "
              "it a name can look exactly like someone else's. Type it without that "
              "character.",
    },
    "err_invalid": {
        "sv": "{where} sparades inte: {count} fel.",
        "en": "{where} was not saved: {count:error|errors}.",
    },
    "err_conflict": {
        "sv": "Konflikt: {id} har ändrats sedan {base} (senast i {current} av {author}). Inget sparades.",
        "en": "Conflict: {id} has changed since {base} (last in {current} by {author}). Nothing was saved.",
    },
    "err_conflict_deleted": {
        "sv": "Konflikt: {id} har tagits bort sedan {base}. Inget sparades.",
        "en": "Conflict: {id} has been deleted since {base}. Nothing was saved.",
    },
    "err_busy": {
        "sv": "Arkivet var upptaget för länge (andra sparade samtidigt); försök igen. Inget sparades.",
        "en": "The archive stayed busy too long (others were saving at the same time); try again. Nothing was saved.",
    },
    # --- git refusing, or a repository brotui may not write ---------------------
    "err_ref_locked": {
        "sv": "Grenen {branch} är låst av filen {lock}: ett annat git-program arbetar i arkivet, eller så avbröts ett och lämnade filen kvar. Om inget git-program körs i arkivet: ta bort filen och spara igen. Inget sparades.",
        "en": "The branch {branch} is locked by the file {lock}: another git program is at work in the archive, or one was stopped and left the file behind. If no git program is running in the archive, remove that file and save again. Nothing was saved.",
    },
    "err_ref_refused": {
        "sv": "git flyttade inte grenen {branch}: {reason}. Inget sparades.",
        "en": "git did not move the branch {branch}: {reason}. Nothing was saved.",
    },
    "err_read_only": {
        "sv": "Arkivet {path} är skrivskyddat för dig: du kan läsa det men inte spara i det (du får inte skriva i dess git-katalog). Inget sparades.",
        "en": "The archive {path} is read-only for you: you may read it but not save in it (you may not write in its git directory). Nothing was saved.",
    },
    "err_detached": {
        "sv": "HEAD i {path} pekar på commit {commit}, inte på en gren (detached HEAD): brotui visar vad den innehåller men sparar inget där. Byt till en gren (git switch main) eller ange grenen att spara på i .brotui.yaml (branch: main). Inget sparades.",
        "en": "HEAD in {path} is the commit {commit}, not a branch (a detached HEAD): brotui shows what it holds but saves nothing there. Switch to a branch (git switch main), or name the branch to save to in .brotui.yaml (branch: main). Nothing was saved.",
    },
    "err_sign": {
        "sv": "Arkivet signerar varje commit (commit.gpgsign), och signaturen kunde inte göras: {reason}. Inget sparades.",
        "en": "The archive signs every commit (commit.gpgsign), and the signature could not be made: {reason}. Nothing was saved.",
    },
    "err_dubious_owner": {
        "sv": "git öppnar inte {path}: arkivet ägs av {owner}, inte av dig (git säger \"detected dubious ownership\", se git help config, safe.directory). Litar du på ägaren, tillåt det: {fix}",
        "en": "git will not open {path}: the archive belongs to {owner}, not to you (git says \"detected dubious ownership\"; see git help config, safe.directory). If you trust its owner, allow it: {fix}",
    },
    "err_open_repo": {
        "sv": "git kan inte öppna {path}: {reason}.",
        "en": "git cannot open {path}: {reason}.",
    },
    "index_locked": {
        "sv": "Obs: indexet (det git commit skulle ta med) kunde inte följa med den sparade {path}, eftersom {lock} finns: ett annat git-program arbetar, eller så lämnade ett filen kvar. Tills dess visar git status filen som ändrad. När inget git-program körs: ta bort filen om den finns kvar och kör git reset -q -- {path}",
        "en": "Note: the index (what git commit would take) could not follow the saved {path}, because {lock} exists: another git program is at work, or one left the file behind. Until it does, git status shows the file as changed. Once no git program is running, remove that file if it is still there and run git reset -q -- {path}",
    },
    "index_refused": {
        "sv": "Obs: indexet (det git commit skulle ta med) kunde inte följa med den sparade {path}: {reason}. Tills dess visar git status filen som ändrad; git reset -q -- {path} ställer det till rätta.",
        "en": "Note: the index (what git commit would take) could not follow the saved {path}: {reason}. Until it does, git status shows the file as changed; git reset -q -- {path} puts it right.",
    },
    "err_read_file": {
        "sv": "Kan inte läsa {path}: {reason}",
        "en": "Cannot read {path}: {reason}",
    },
    "err_damaged": {
        "sv": "git kan inte läsa objektet {oid}{path}: arkivets filer kan vara skadade ({file}). Kontrollera arkivet med: git fsck",
        "en": "git cannot read the object {oid}{path}: the archive's files may be damaged ({file}). Check the archive with: git fsck",
    },
    "err_damaged_path": {
        "sv": " (filen {path})",
        "en": " (the file {path})",
    },
    "err_os": {
        "sv": "{what}: {path}",
        "en": "{what}: {path}",
    },
    "err_os_denied": {
        "sv": "Åtkomst nekad (rättigheterna tillåter inte brotui att läsa eller skriva här)",
        "en": "Permission denied (the permissions do not let brotui read or write here)",
    },
    "err_os_missing": {
        "sv": "Filen eller mappen finns inte",
        "en": "No such file or folder",
    },
    "err_os_full": {
        "sv": "Disken är full",
        "en": "The disk is full",
    },
    "err_os_read_only": {
        "sv": "Filsystemet är skrivskyddat",
        "en": "The file system is read-only",
    },
    "err_os_no_path": {
        "sv": "Systemet svarade: {what}",
        "en": "The system said: {what}",
    },
    "err_git": {
        "sv": "git misslyckades: {detail}",
        "en": "git failed: {detail}",
    },
    "err_slug_too_long": {
        "sv": "Rådets kortnamn ({start}) är {length} tecken långt; det får vara högst {limit}: det blir namnet på en mapp, och längre namn rymmer inte alla filsystem.",
        "en": "The council's short name ({start}) is {length} characters long; it may have at most {limit}: it becomes a folder's name, and not every file system holds longer names.",
    },
    "err_day_full": {
        "sv": "{slug} har redan {count} protokoll den {date}; fler får inte plats samma dag.",
        "en": "{slug} already has {count} protocols on {date}; no more fit on one day.",
    },
    "err_bad_slug": {
        "sv": "{slug!r} är inget rådsnamn för filer: använd små bokstäver, siffror och bindestreck, t.ex. hagersten-liljeholmen.",
        "en": "{slug!r} is not a council name for files: use lower-case letters, digits and hyphens, e.g. hagersten-liljeholmen.",
    },
    "worktree_kept": {
        "sv": "Obs: din arbetskopia av {path} har egna ändringar och lämnades orörd.",
        "en": "Note: your work-tree copy of {path} has changes of its own and was left alone.",
    },
    # --- new minutes -------------------------------------------------------------
    "err_created_meanwhile": {
        "sv": "{id} har skapats av någon annan under tiden; inget sparades. Stäng och skapa protokollet på nytt.",
        "en": "{id} was created by someone else meanwhile; nothing was saved. Close and create the minutes again.",
    },
    "new_no_next": {
        "sv": "{id} har inget kommande möte att ta datumet från; ange ett datum.",
        "en": "{id} has no next meeting to take the date from; give a date.",
    },
    # --- commit messages ------------------------------------------------------
    "commit_new": {"sv": "{id}: nytt protokoll", "en": "{id}: new protocol"},
    "commit_changed": {"sv": "{id}: ändrat {what}", "en": "{id}: changed {what}"},
    # --- field-level diff, blame, commit messages ---------------------------
    "commit_repaired": {"sv": "{id}: trasig fil lagad", "en": "{id}: broken file repaired"},
    "commit_new_short": {"sv": "nytt protokoll", "en": "new protocol"},
    "commit_removed_short": {"sv": "borttaget", "en": "deleted"},
    "commit_more": {"sv": " och {n} till", "en": " and {n} more"},
    "commit_format_body": {
        "sv": "Bara filens formatering ändrades; innehållet är detsamma.",
        "en": "Only the file's formatting changed; the content is the same.",
    },
    # --- concurrent edits: merge, conflicts, drafts ----------------------------
    "err_merge_conflict": {
        "sv": "Konflikt: {id} har ändrats sedan {base} (senast av {author}, {commit}) i samma "
              "fält som du har ändrat; inget sparades.",
        "en": "Conflict: {id} has changed since {base} (last by {author}, {commit}) in the "
              "same fields as yours; nothing was saved.",
    },
    # --- restore, delete, rename, archive activity ----------------------------
    "commit_deleted": {"sv": "{id}: borttaget", "en": "{id}: deleted"},
    "commit_deleted_body": {
        "sv": "Protokollet togs bort. Den sista versionen finns i {commit}; den återställs med: brotui restore {id} {commit}",
        "en": "The minutes were deleted. The last version is in {commit}; restore it with: brotui restore {id} {commit}",
    },
    "commit_moved": {"sv": "{old} -> {new}: flyttat", "en": "{old} -> {new}: moved"},
    "commit_moved_body": {
        "sv": "Protokollet {old} heter nu {new} (datum {date}).",
        "en": "The minutes {old} are now {new} (date {date}).",
    },
    "commit_restored": {"sv": "{id}: återställt till {commit}", "en": "{id}: restored to {commit}"},
    "commit_restored_body": {
        "sv": "Återställt till versionen i {commit} av {author}, {when}.",
        "en": "Restored to the version in {commit} by {author}, {when}.",
    },
    "commit_restored_moved": {
        "sv": "Protokollet hette {id} i den versionen och flyttas tillbaka dit från {current}.",
        "en": "The minutes were called {id} in that version and move back there from {current}.",
    },
    "err_target_exists": {
        "sv": "Det finns redan ett protokoll {id} i {where}; inget ändrades.",
        "en": "There is already a protocol {id} in {where}; nothing was changed.",
    },
    "err_same_id": {
        "sv": "{id} har redan det id:t; inget att flytta.",
        "en": "{id} already has that id; nothing to move.",
    },
    "err_not_at_rev": {
        "sv": "{id} fanns inte i {rev} (borttaget eller ännu inte skrivet där). Välj en version ur brotui log {id}.",
        "en": "{id} did not exist in {rev} (deleted or not yet written there). Pick a version from brotui log {id}.",
    },
    "err_restore_invalid": {
        "sv": "Versionen av {where} i {rev} har {count} fel och återställs inte.",
        "en": "The version of {where} in {rev} has {count:error|errors} and is not restored.",
    },
    "err_period": {
        "sv": "Perioden är tom: {since} ligger efter {until}.",
        "en": "The period is empty: {since} is after {until}.",
    },
    "err_bad_period": {
        "sv": "En period skrivs ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller FRÅN..TILL, t.ex. 2020-02..2020-03 (här står {raw}).",
        "en": "A period is written YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO, e.g. 2020-02..2020-03 (this says {raw}).",
    },
    # --- over SSH: keys and restricted mode ---------------------------------
    "ssh_key_too_big": {
        "sv": "{path} är för stor för att vara en publik SSH-nyckel.",
        "en": "{path} is too large to be an SSH public key.",
    },
    "ssh_key_not_text": {
        "sv": "{path} är ingen textfil; en publik SSH-nyckel är en rad text (t.ex. id_ed25519.pub).",
        "en": "{path} is not a text file; an SSH public key is one line of text (e.g. id_ed25519.pub).",
    },
    "ssh_key_private": {
        "sv": "{path} är en privat nyckel. Ge den publika (filen som slutar på .pub); den privata ska aldrig lämna personens dator.",
        "en": "{path} is a private key. Give the public one (the file ending in .pub); the private key never leaves the person's computer.",
    },
    "ssh_key_none": {
        "sv": "{path} innehåller ingen publik SSH-nyckel.",
        "en": "{path} holds no SSH public key.",
    },
    "ssh_key_many": {
        "sv": "{path} innehåller {count} nycklar; ge en nyckel i taget.",
        "en": "{path} holds {count} keys; give one key at a time.",
    },
    "ssh_key_options": {
        "sv": "{path} börjar med authorized_keys-val; ge bara nyckeln (typ, nyckel, kommentar), brotui skriver valen själv.",
        "en": "{path} starts with authorized_keys options; give the key alone (type, key, comment), brotui writes the options itself.",
    },
    "ssh_key_type": {
        "sv": "{path}: nyckeltypen {type!r} tas inte emot. Tillåtna: {types}. Skapa en ny med: ssh-keygen -t ed25519",
        "en": "{path}: the key type {type!r} is not accepted. Accepted: {types}. Make a new one with: ssh-keygen -t ed25519",
    },
    "ssh_key_body": {
        "sv": "{path}: nyckeln är skadad (dess base64-del stämmer inte med typen).",
        "en": "{path}: the key is damaged (its base64 part does not match its type).",
    },
    "ssh_key_unreadable": {
        "sv": "{path}: ssh-keygen kan inte läsa nyckeln: {detail}",
        "en": "{path}: ssh-keygen cannot read the key: {detail}",
    },
    "ssh_key_weak": {
        "sv": "{path}: RSA-nyckeln har {bits} bitar; minst {minimum} krävs (eller skapa en ed25519-nyckel).",
        "en": "{path}: the RSA key has {bits} bits; at least {minimum} are needed (or make an ed25519 key).",
    },
    "ssh_keygen_missing": {
        "sv": "ssh-keygen saknas; installera OpenSSH-klienten (apt-get install openssh-client).",
        "en": "ssh-keygen is missing; install the OpenSSH client (apt-get install openssh-client).",
    },
    "ssh_bad_char": {
        "sv": "{value!r} innehåller styrtecken eller radbrytningar och kan inte skrivas i authorized_keys.",
        "en": "{value!r} holds control characters or line breaks and cannot be written to authorized_keys.",
    },
    "ssh_key_taken": {
        "sv": "Nyckeln finns redan i {path} (rad {line}, {who}); sshd använder den första raden med nyckeln. Ta bort den raden först.",
        "en": "The key is already in {path} (line {line}, {who}); sshd uses the first line with a key. Remove that line first.",
    },
    "ssh_not_brotui": {"sv": "en rad som inte är brotuis", "en": "a line that is not brotui's"},
}
