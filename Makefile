# Each target is a thin wrapper over a script or a go command; README.md
# names the two that matter: `make run` and `make test`.
.PHONY: run build assets test lint bench clean

run: build
	./bin/het serve --demo

build: assets
	go build -o bin/het ./cmd/het

assets:
	scripts/build-assets.sh

test:
	scripts/test.sh

lint:
	scripts/lint.sh

bench: build
	bench/run.sh

clean:
	rm -rf bin web/static/dist node_modules
