package attr

import (
	"strings"
	"testing"

	"github.com/kvs-project/kvs/apierr"
)

func TestCanonicalNumber(t *testing.T) {
	cases := []struct{ in, want string }{
		{"1", "1"},
		{"1.0", "1"},
		{"01", "1"},
		{"1E0", "1"},
		{"1e0", "1"},
		{"+1", "1"},
		{"1E2", "100"},
		{"1E-3", "0.001"},
		{"-0", "0"},
		{"0", "0"},
		{"0.000", "0"},
		{"-0.0E10", "0"},
		{"00.00", "0"},
		{".5", "0.5"},
		{"5.", "5"},
		{"-.5e1", "-5"},
		{"123.4500", "123.45"},
		{"0012.3400e1", "123.4"},
		{"-12.5E-1", "-1.25"},
		{"1.5E1", "15"},
		{"100", "100"},
		{"1000.000", "1000"},
		{"0.0001", "0.0001"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
		{"1234567890123456789012345678901234567800000", "1234567890123456789012345678901234567800000"},
		{"9.9999999999999999999999999999999999999E+125", "99999999999999999999999999999999999999" + strings.Repeat("0", 88)},
		{"1E-130", "0." + strings.Repeat("0", 129) + "1"},
		{"-1E-130", "-0." + strings.Repeat("0", 129) + "1"},
		{"1E125", "1" + strings.Repeat("0", 125)},
		{"0E999999999999", "0"},
	}
	for _, c := range cases {
		got, err := CanonicalNumber(c.in)
		if err != nil || got != c.want {
			t.Errorf("CanonicalNumber(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestCanonicalNumberErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", msgNumEmpty},
		{"abc", msgNumInvalid + "abc"},
		{"NaN", msgNumInvalid + "NaN"},
		{"Infinity", msgNumInvalid + "Infinity"},
		{"-Infinity", msgNumInvalid + "-Infinity"},
		{"1e", msgNumInvalid + "1e"},
		{"1e+", msgNumInvalid + "1e+"},
		{".", msgNumInvalid + "."},
		{"-", msgNumInvalid + "-"},
		{"1..2", msgNumInvalid + "1..2"},
		{"1.2.3", msgNumInvalid + "1.2.3"},
		{" 1", msgNumInvalid + " 1"},
		{"1 ", msgNumInvalid + "1 "},
		{"0x10", msgNumInvalid + "0x10"},
		{"--1", msgNumInvalid + "--1"},
		{"1e1.5", msgNumInvalid + "1e1.5"},
		{"123456789012345678901234567890123456789", msgNumDigits},
		{"1.23456789012345678901234567890123456789", msgNumDigits},
		{"1E126", msgNumOverflow},
		{"-1E126", msgNumOverflow},
		{"10E125", msgNumOverflow},
		{"1E999999999999999", msgNumOverflow},
		{"1E-131", msgNumUnderflow},
		{"0.1E-130", msgNumUnderflow},
		{"-1E-131", msgNumUnderflow},
		{"1E-999999999999999", msgNumUnderflow},
	}
	for _, c := range cases {
		got, err := CanonicalNumber(c.in)
		var e *apierr.Error
		if err == nil || !asAPIErr(err, &e) || e.Code != apierr.Validation || e.Message != c.want {
			t.Errorf("CanonicalNumber(%q) = %q, %v; want ValidationException %q", c.in, got, err, c.want)
		}
	}
}

func TestCanonicalNumberNoAllocWhenCanonical(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		if _, err := CanonicalNumber("-123.456"); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Fatalf("CanonicalNumber allocated %v times for canonical input", n)
	}
}

func TestAddSubNumbers(t *testing.T) {
	cases := []struct {
		a, b, sum, diff string
	}{
		{"1", "2", "3", "-1"},
		{"0.1", "0.2", "0.3", "-0.1"},
		{"-5", "5", "0", "-10"},
		{"1.5", "1.5", "3", "0"},
		{"99999999999999999999999999999999999999", "1", "100000000000000000000000000000000000000", "99999999999999999999999999999999999998"},
		{"1" + strings.Repeat("0", 125), "1", "", ""},
		{"12345678901234567890123456789012345678", "0.5", "", ""},
		{"0.001", "-0.0001", "0.0009", "0.0011"},
	}
	for _, c := range cases {
		sum, err := AddNumbers(c.a, c.b)
		if c.sum == "" {
			if err == nil {
				t.Errorf("AddNumbers(%s, %s) = %s, want error", c.a, c.b, sum)
			}
		} else if err != nil || sum != c.sum {
			t.Errorf("AddNumbers(%s, %s) = %s, %v; want %s", c.a, c.b, sum, err, c.sum)
		}
		diff, err := SubNumbers(c.a, c.b)
		if c.diff == "" {
			if err == nil && c.sum == "" {
				// Subtracting may stay in range where adding did not.
				continue
			}
		} else if err != nil || diff != c.diff {
			t.Errorf("SubNumbers(%s, %s) = %s, %v; want %s", c.a, c.b, diff, err, c.diff)
		}
	}
	// Overflow of the magnitude range has DynamoDB's overflow message.
	big := "9.9999999999999999999999999999999999999E+125"
	bigC, _ := CanonicalNumber(big)
	_, err := AddNumbers(bigC, bigC)
	var e *apierr.Error
	if !asAPIErr(err, &e) || e.Message != msgNumOverflow {
		t.Errorf("AddNumbers(max, max) err = %v, want overflow", err)
	}
}
