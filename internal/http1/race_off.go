//go:build !race

package http1

// raceEnabled: see race_on.go.
const raceEnabled = false
