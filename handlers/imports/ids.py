"""Action, view and block ids of imports."""

from __future__ import annotations

CHOOSE = "import_choose"  # + ":" + group: a static select of what the group does
CONFIRM = "import_confirm"
CANCEL = "import_cancel"
UNDO = "import_undo"
COLUMNS = "import_columns"
VIEW_UPLOAD = "import_upload"
VIEW_COLUMNS = "import_columns_view"
FILE_BLOCK = "import_file"
FILE_ACTION = "file"
