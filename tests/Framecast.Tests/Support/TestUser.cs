namespace Framecast.Tests.Support;

public sealed record TestUser(string Id, string Username, string Token, HttpClient Client)
{
    public const string Password = "correct horse battery";
}
