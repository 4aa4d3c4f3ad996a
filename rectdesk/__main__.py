from rectdesk.cli import main

raise SystemExit(main())
