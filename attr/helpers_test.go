package attr

import (
	"errors"

	"github.com/kvs-project/kvs/apierr"
)

func asAPIErr(err error, e **apierr.Error) bool { return errors.As(err, e) }
