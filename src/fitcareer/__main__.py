from fitcareer.cli import main

main()
