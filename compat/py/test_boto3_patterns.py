"""boto3 against kvs serve, continued: the resource API's table lifecycle,
key ordering, capacity reporting, schema changes, tags, the optimistic
locking pattern, legacy (pre-expression) parameters that old boto3 code
still sends, and the errors of common mistakes.
"""

import os
import sys
import threading
import time
import unittest
from decimal import Decimal

import boto3
import botocore.configprovider
from boto3.dynamodb.conditions import Attr, Key
from boto3.dynamodb.types import Binary
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kvs_fixture as kf  # noqa: E402
from test_boto3 import Boto3Case  # noqa: E402


class TestResourceLifecycle(Boto3Case):
    def test_create_wait_delete(self):
        name = kf.table_name("res")
        table = self.r.create_table(
            TableName=name,
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3})
        table.wait_until_exists()
        table.reload()
        self.assertEqual(table.table_status, "ACTIVE")
        self.assertEqual(table.provisioned_throughput["ReadCapacityUnits"], 5)
        self.assertEqual(table.provisioned_throughput["WriteCapacityUnits"], 3)
        self.assertEqual(table.item_count, 0)
        self.assertIn(table.billing_mode_summary, (None, {"BillingMode": "PROVISIONED"}))
        table.put_item(Item={"pk": "a"})
        self.assertEqual(self.r.Table(name).get_item(Key={"pk": "a"})["Item"], {"pk": "a"})
        names = [t.name for t in self.r.tables.all()]
        self.assertIn(name, names)
        table.delete()
        table.wait_until_not_exists()
        self.assertNotIn(name, [t.name for t in self.r.tables.all()])


class TestKeyOrdering(Boto3Case):
    def test_number_sort_key(self):
        name = kf.table_name("numsk")
        kf.create_table(self.c, name, sk_type="N")
        t = self.r.Table(name)
        values = [Decimal("1000"), Decimal("-10"), Decimal("2"), Decimal("-1.5"), Decimal("0"),
                  Decimal("10"), Decimal("0.001"), Decimal("-1E+20"), Decimal("3.14159265358979323846264338327950288")]
        with t.batch_writer() as w:
            for v in values:
                w.put_item(Item={"pk": "n", "sk": v})
        out = t.query(KeyConditionExpression=Key("pk").eq("n"))
        self.assertEqual([i["sk"] for i in out["Items"]], sorted(values))
        out = t.query(KeyConditionExpression=Key("pk").eq("n") & Key("sk").between(-2, 2))
        self.assertEqual([i["sk"] for i in out["Items"]],
                         [Decimal("-1.5"), Decimal("0"), Decimal("0.001"), Decimal("2")])
        out = t.query(KeyConditionExpression=Key("pk").eq("n") & Key("sk").lt(0), ScanIndexForward=False)
        self.assertEqual([i["sk"] for i in out["Items"]], [Decimal("-1.5"), Decimal("-10"), Decimal("-1E+20")])

    def test_binary_sort_key(self):
        name = kf.table_name("binsk")
        kf.create_table(self.c, name, sk_type="B")
        t = self.r.Table(name)
        values = [b"\xff", b"\x00", b"\x80", b"\x7f", b"\x00\x00", b"a", b"\x80\x01"]
        for v in values:
            t.put_item(Item={"pk": "b", "sk": Binary(v)})
        out = t.query(KeyConditionExpression=Key("pk").eq("b"))
        # Binary keys sort as unsigned bytes.
        self.assertEqual([i["sk"].value for i in out["Items"]], sorted(values))
        out = t.query(KeyConditionExpression=Key("pk").eq("b") & Key("sk").begins_with(Binary(b"\x80")))
        self.assertEqual([i["sk"].value for i in out["Items"]], [b"\x80", b"\x80\x01"])


class TestCapacityAndSchema(Boto3Case):
    def test_consumed_capacity(self):
        name = kf.table_name("cap")
        kf.create_table(self.c, name)
        t = self.r.Table(name)
        out = t.put_item(Item={"pk": "a", "v": "x" * 100}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": name, "CapacityUnits": 1.0})
        out = t.put_item(Item={"pk": "big", "v": "x" * 1500}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": name, "CapacityUnits": 2.0})
        out = t.get_item(Key={"pk": "a"}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": name, "CapacityUnits": 0.5})
        out = t.get_item(Key={"pk": "a"}, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"], {"TableName": name, "CapacityUnits": 1.0})
        out = t.get_item(Key={"pk": "a"}, ReturnConsumedCapacity="NONE")
        self.assertNotIn("ConsumedCapacity", out)

    def test_update_table_adds_index(self):
        name = kf.table_name("addgsi")
        kf.create_table(self.c, name)
        t = self.r.Table(name)
        for i in range(5):
            t.put_item(Item={"pk": "p%d" % i, "city": "Oslo" if i % 2 else "Rome", "age": i})
        self.c.update_table(
            TableName=name,
            AttributeDefinitions=[{"AttributeName": "city", "AttributeType": "S"},
                                  {"AttributeName": "age", "AttributeType": "N"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "by_city",
                "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"},
                              {"AttributeName": "age", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        deadline = time.time() + 60
        while True:
            desc = self.c.describe_table(TableName=name)["Table"]
            status = [g["IndexStatus"] for g in desc.get("GlobalSecondaryIndexes", [])]
            if status == ["ACTIVE"] or time.time() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual(status, ["ACTIVE"])
        out = t.query(IndexName="by_city", KeyConditionExpression=Key("city").eq("Rome"))
        # KEYS_ONLY: the table's key and the index's key, nothing else.
        self.assertEqual(out["Items"], [{"pk": "p0", "city": "Rome", "age": 0},
                                        {"pk": "p2", "city": "Rome", "age": 2},
                                        {"pk": "p4", "city": "Rome", "age": 4}])

    def test_tags(self):
        name = kf.table_name("tags")
        kf.create_table(self.c, name)
        arn = self.c.describe_table(TableName=name)["Table"]["TableArn"]
        self.c.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"},
                                                   {"Key": "team", "Value": "kv"}])
        tags = self.c.list_tags_of_resource(ResourceArn=arn)["Tags"]
        self.assertEqual(sorted(tags, key=lambda x: x["Key"]),
                         [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "kv"}])
        self.c.untag_resource(ResourceArn=arn, TagKeys=["env"])
        self.assertEqual(self.c.list_tags_of_resource(ResourceArn=arn)["Tags"], [{"Key": "team", "Value": "kv"}])


class TestPatterns(Boto3Case):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.name = kf.table_name("patterns")
        kf.create_table(cls.c, cls.name, sk_type="N")
        cls.table = cls.r.Table(cls.name)

    def test_optimistic_locking(self):
        t = self.table
        t.put_item(Item={"pk": "doc", "sk": 1, "version": 1, "body": "v1"},
                   ConditionExpression=Attr("pk").not_exists())

        def save(expected, body):
            return t.update_item(Key={"pk": "doc", "sk": 1},
                                 UpdateExpression="SET body = :b, version = version + :one",
                                 ConditionExpression=Attr("version").eq(expected),
                                 ExpressionAttributeValues={":b": body, ":one": 1},
                                 ReturnValues="ALL_NEW")["Attributes"]

        self.assertEqual(save(1, "v2"), {"pk": "doc", "sk": Decimal(1), "version": Decimal(2), "body": "v2"})
        with self.assertRaises(t.meta.client.exceptions.ConditionalCheckFailedException):
            save(1, "stale")
        self.assertEqual(t.get_item(Key={"pk": "doc", "sk": 1}, ConsistentRead=True)["Item"]["body"], "v2")

    def test_condition_functions(self):
        t = self.table
        t.put_item(Item={"pk": "f", "sk": 1, "tags": {"a", "b", "c"}, "name": "Zed", "list": [1, 2],
                         "m": {"x": None}})
        ok = [Attr("tags").size().eq(3), Attr("tags").contains("b"), Attr("name").size().lt(4),
              Attr("list").attribute_type("L"), Attr("m.x").attribute_type("NULL"),
              Attr("list[1]").eq(2), Attr("name").ne("Ann"), ~Attr("name").eq("Ann")]
        for cond in ok:
            with self.subTest(cond=cond.get_expression()["format"]):
                t.update_item(Key={"pk": "f", "sk": 1}, UpdateExpression="SET touched = :t",
                              ConditionExpression=cond, ExpressionAttributeValues={":t": True})
        bad = [Attr("tags").size().gt(3), Attr("tags").contains("z"), Attr("list[2]").exists(),
               Attr("m.x").attribute_type("S"), Attr("name").lt("A")]
        for cond in bad:
            with self.subTest(cond=cond.get_expression()["format"]):
                with self.assertRaises(t.meta.client.exceptions.ConditionalCheckFailedException):
                    t.update_item(Key={"pk": "f", "sk": 1}, UpdateExpression="SET touched = :t",
                                  ConditionExpression=cond, ExpressionAttributeValues={":t": False})
        out = t.scan(FilterExpression=Attr("tags").size().between(2, 3) & Attr("touched").eq(True))
        self.assertEqual([(i["pk"], i["sk"]) for i in out["Items"]], [("f", Decimal(1))])

    def test_limit_counts_scanned_items(self):
        # Limit bounds the items read, not the items returned: a filter that
        # matches nothing still yields a page (empty) and a key to resume from.
        t = self.table
        with t.batch_writer() as w:
            for i in range(6):
                w.put_item(Item={"pk": "lim", "sk": i, "odd": i % 2 == 1})
        out = t.query(KeyConditionExpression=Key("pk").eq("lim"), FilterExpression=Attr("odd").eq("no"), Limit=3)
        self.assertEqual((out["Items"], out["Count"], out["ScannedCount"]), ([], 0, 3))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": "lim", "sk": Decimal(2)})
        out = t.query(KeyConditionExpression=Key("pk").eq("lim"), FilterExpression=Attr("odd").eq(True), Limit=4,
                      ExclusiveStartKey={"pk": "lim", "sk": 0})
        self.assertEqual([i["sk"] for i in out["Items"]], [Decimal(1), Decimal(3)])
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 4))
        self.assertEqual(out["LastEvaluatedKey"], {"pk": "lim", "sk": Decimal(4)})

    def test_list_index_updates(self):
        t = self.table
        t.put_item(Item={"pk": "list", "sk": 1, "l": ["a", "b"], "m": {"nest1": {}}})
        out = t.update_item(Key={"pk": "list", "sk": 1},
                            UpdateExpression="SET l[7] = :z, m.nest1.deep = :d REMOVE l[0]",
                            ExpressionAttributeValues={":z": "z", ":d": [1]}, ReturnValues="ALL_NEW")
        # An index past the end appends; REMOVE shifts the rest down.
        self.assertEqual(out["Attributes"]["l"], ["b", "z"])
        self.assertEqual(out["Attributes"]["m"], {"nest1": {"deep": [Decimal(1)]}})

    def test_legacy_parameters(self):
        # Code written before expressions (2014) still sends these.
        n = self.name
        for i in range(4):
            self.c.put_item(TableName=n, Item={"pk": {"S": "old"}, "sk": {"N": str(i)}, "v": {"S": "x%d" % i}},
                            Expected={"pk": {"Exists": False}})
        with self.assertRaises(self.c.exceptions.ConditionalCheckFailedException):
            self.c.put_item(TableName=n, Item={"pk": {"S": "old"}, "sk": {"N": "0"}},
                            Expected={"pk": {"Exists": False}})
        out = self.c.query(TableName=n, KeyConditions={
            "pk": {"AttributeValueList": [{"S": "old"}], "ComparisonOperator": "EQ"},
            "sk": {"AttributeValueList": [{"N": "0"}], "ComparisonOperator": "GT"}},
            QueryFilter={"v": {"AttributeValueList": [{"S": "x3"}], "ComparisonOperator": "NE"}},
            AttributesToGet=["sk", "v"])
        self.assertEqual(out["Items"], [{"sk": {"N": "1"}, "v": {"S": "x1"}}, {"sk": {"N": "2"}, "v": {"S": "x2"}}])
        self.assertEqual((out["Count"], out["ScannedCount"]), (2, 3))
        out = self.c.update_item(TableName=n, Key={"pk": {"S": "old"}, "sk": {"N": "1"}},
                                 AttributeUpdates={"v": {"Action": "PUT", "Value": {"S": "new"}},
                                                   "c": {"Action": "ADD", "Value": {"N": "5"}}},
                                 Expected={"v": {"Value": {"S": "x1"}}}, ReturnValues="ALL_NEW")
        self.assertEqual(out["Attributes"], {"pk": {"S": "old"}, "sk": {"N": "1"}, "v": {"S": "new"}, "c": {"N": "5"}})

    def test_common_mistakes(self):
        t = self.table
        key = {"pk": "m", "sk": 1}
        t.put_item(Item={"pk": "m", "sk": 2})
        t.put_item(Item={"pk": "m", "sk": 3, "word": "text"})
        cases = [
            ("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name",
             lambda: t.update_item(Key=key, UpdateExpression="SET name = :n", ExpressionAttributeValues={":n": "x"})),
            ("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status",
             lambda: t.get_item(Key=key, ProjectionExpression="pk, status")),
            ("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
             lambda: t.query(KeyConditionExpression=Key("pk").eq("m"), FilterExpression=Attr("sk").gt(0))),
            ("Item size has exceeded the maximum allowed size",
             lambda: t.put_item(Item={"pk": "m", "sk": 1, "blob": Binary(b"\x00" * (400 * 1024))})),
            ("Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
             "attribute name: #missing",
             lambda: t.update_item(Key=key, UpdateExpression="SET #missing = :v", ExpressionAttributeValues={":v": 1})),
            ("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
             "An string set  may not be empty for key :s",
             lambda: self.c.update_item(TableName=self.name, Key={"pk": {"S": "m"}, "sk": {"N": "1"}},
                                        UpdateExpression="ADD s :s", ExpressionAttributeValues={":s": {"SS": []}})),
            ("The document path provided in the update expression is invalid for update",
             lambda: t.update_item(Key={"pk": "m", "sk": 2}, UpdateExpression="SET nomap.child = :v",
                                   ExpressionAttributeValues={":v": 1})),
            ("An operand in the update expression has an incorrect data type",
             lambda: t.update_item(Key={"pk": "m", "sk": 3}, UpdateExpression="ADD word :n",
                                   ExpressionAttributeValues={":n": 1})),
            ("Exclusive Start Key must have same size as table's key schema",
             lambda: t.query(KeyConditionExpression=Key("pk").eq("m"), ExclusiveStartKey={"pk": "m"})),
            ("The provided starting key is invalid: The provided key element does not match the schema",
             lambda: t.query(KeyConditionExpression=Key("pk").eq("m"), ExclusiveStartKey={"pk": "m", "sk": "1"})),
            ("ExpressionAttributeValues contains invalid value: Number overflow. Attempting to store a number "
             "with magnitude larger than supported range for key :big",
             lambda: t.update_item(Key=key, UpdateExpression="SET v = :big",
                                   ExpressionAttributeValues={":big": Decimal("1E+126")})),
            ("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: data",
             lambda: self.c.query(TableName=self.name, KeyConditionExpression="pk = :p AND data = :d",
                                  ExpressionAttributeValues={":p": {"S": "m"}, ":d": {"N": "1"}})),
        ]
        for message, call in cases:
            with self.subTest(message=message):
                with self.assertRaises(ClientError) as ctx:
                    call()
                self.assertClientError(ctx, "ValidationException", message)


class TestClients(Boto3Case):
    def test_endpoint_from_environment(self):
        # README: AWS_ENDPOINT_URL_DYNAMODB points any SDK that reads it at
        # kvs; botocore reads it since 1.31.57 (Debian 12's 1.29 does not).
        if "ignore_configured_endpoint_urls" not in botocore.configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES:
            self.skipTest("this botocore predates AWS_ENDPOINT_URL_<SERVICE> (botocore >= 1.31.57)")
        name = kf.table_name("envurl")
        kf.create_table(self.c, name)
        saved = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = kf.ENDPOINT
        try:
            c = boto3.session.Session(region_name=kf.REGION).client("dynamodb")
        finally:
            if saved is None:
                del os.environ["AWS_ENDPOINT_URL_DYNAMODB"]
            else:
                os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = saved
        self.assertEqual(c.meta.endpoint_url, kf.ENDPOINT)
        self.assertIn(name, c.list_tables(ExclusiveStartTableName=name[:-1], Limit=100)["TableNames"])

    def test_concurrent_counters(self):
        # Threads with their own clients, as a web app's workers would have:
        # every ADD and every conditional put lands exactly once.
        name = kf.table_name("conc")
        kf.create_table(self.c, name)
        threads, per_thread = 6, 20
        errors, claimed = [], []
        lock = threading.Lock()

        def work(n):
            try:
                t = kf.resource().Table(name)
                for i in range(per_thread):
                    t.update_item(Key={"pk": "counter"}, UpdateExpression="ADD hits :one",
                                  ExpressionAttributeValues={":one": 1})
                    try:
                        t.put_item(Item={"pk": "slot%d" % (i % 5), "owner": n},
                                   ConditionExpression=Attr("pk").not_exists())
                        with lock:
                            claimed.append(i % 5)
                    except t.meta.client.exceptions.ConditionalCheckFailedException:
                        pass
            except Exception as e:  # reported below, not lost in the thread
                errors.append(repr(e))

        workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        self.assertEqual(errors, [])
        t = self.r.Table(name)
        got = t.get_item(Key={"pk": "counter"}, ConsistentRead=True)["Item"]["hits"]
        self.assertEqual(got, Decimal(threads * per_thread))
        self.assertEqual(sorted(claimed), [0, 1, 2, 3, 4], "each slot is claimed exactly once")


if __name__ == "__main__":
    unittest.main()
