"""Shared setup for the boto3 compatibility tests: clients pointed at the kvs
server named by KVS_ENDPOINT, unique table names, and table creation.

Every response's x-amz-crc32 header is checked against its body (botocore
only retries on a mismatch in some retry modes, so a wrong checksum could go
unnoticed), and retries are off so that every error surfaces.
"""

import itertools
import os
import zlib

import boto3
from botocore.config import Config

ENDPOINT = os.environ.get("KVS_ENDPOINT", "")
REGION = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")

_seq = itertools.count(1)
_run = format(os.getpid(), "x")


class ChecksumMismatch(Exception):
    """A response whose x-amz-crc32 header does not match its body."""


def _check_crc32(response_dict, **_):
    headers = response_dict.get("headers") or {}
    want = headers.get("x-amz-crc32")
    if want is None:
        raise ChecksumMismatch("response has no x-amz-crc32 header")
    got = zlib.crc32(response_dict.get("body") or b"") & 0xFFFFFFFF
    if int(want) != got:
        raise ChecksumMismatch("x-amz-crc32 %s, body's CRC32 is %d" % (want, got))


def session():
    if not ENDPOINT:
        raise RuntimeError("KVS_ENDPOINT is not set (the URL of a running kvs serve)")
    s = boto3.session.Session(region_name=REGION)
    s.events.register("before-parse.dynamodb", _check_crc32)
    return s


_config = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client():
    return session().client("dynamodb", endpoint_url=ENDPOINT, config=_config)


def resource():
    return session().resource("dynamodb", endpoint_url=ENDPOINT, config=_config)


def table_name(prefix):
    """A table name unique within this server: prefix, process id, counter."""
    return "py_%s_%s_%d" % (prefix, _run, next(_seq))


def fast_waiter():
    """WaiterConfig that polls every second instead of every 20."""
    return {"Delay": 1, "MaxAttempts": 30}


def create_table(c, name, sk_type=None, gsi=None):
    """Creates an on-demand table keyed by pk (S) and optionally sk of
    sk_type; gsi is an optional (index name, hash attr, range attr) whose
    attributes are strings. Waits for it to be ACTIVE."""
    attrs = [{"AttributeName": "pk", "AttributeType": "S"}]
    schema = [{"AttributeName": "pk", "KeyType": "HASH"}]
    if sk_type:
        attrs.append({"AttributeName": "sk", "AttributeType": sk_type})
        schema.append({"AttributeName": "sk", "KeyType": "RANGE"})
    kwargs = {}
    if gsi:
        index, h, r = gsi
        for a in (h, r):
            if a not in [d["AttributeName"] for d in attrs]:
                attrs.append({"AttributeName": a, "AttributeType": "S"})
        kwargs["GlobalSecondaryIndexes"] = [{
            "IndexName": index,
            "KeySchema": [{"AttributeName": h, "KeyType": "HASH"},
                          {"AttributeName": r, "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "ALL"},
        }]
    out = c.create_table(TableName=name, AttributeDefinitions=attrs, KeySchema=schema,
                         BillingMode="PAY_PER_REQUEST", **kwargs)
    c.get_waiter("table_exists").wait(TableName=name, WaiterConfig=fast_waiter())
    return out
