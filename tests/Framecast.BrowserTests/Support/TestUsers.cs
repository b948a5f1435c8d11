namespace Framecast.BrowserTests.Support;

public static class TestUsers
{
    /// <summary>Every test user's password: long enough for the rules, and the tests never need another.</summary>
    public const string Password = "correct-horse-battery";

    /// <summary>A fresh username (3–32 of <c>[a-z0-9_]</c>) so tests never share accounts.</summary>
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";
}
