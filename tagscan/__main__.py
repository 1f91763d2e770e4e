from tagscan.cli import main

main()
