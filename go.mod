module rapport

go 1.26.7
