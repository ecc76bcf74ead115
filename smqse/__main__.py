from smqse.cli import main

raise SystemExit(main())
