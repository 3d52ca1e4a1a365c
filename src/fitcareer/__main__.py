from fitcareer.cli.main import main

main()
