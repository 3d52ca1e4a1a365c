from fitcareer.cli import run

run()
