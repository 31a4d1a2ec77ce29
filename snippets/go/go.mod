module cobinar-receiver

go 1.19
