from dedupe.entry import main

main()
