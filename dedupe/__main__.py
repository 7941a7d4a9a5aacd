from dedupe.cli import main

main()
