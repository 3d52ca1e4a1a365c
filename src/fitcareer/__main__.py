from fitcareer.cli.main import run

run()
