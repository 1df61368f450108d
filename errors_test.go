package kvs_test

import (
	"errors"

	"github.com/kvs-project/kvs/apierr"
)

func apierrAs(err error, e **apierr.Error) bool { return errors.As(err, e) }
