from schema_gen.cli import run

run()
