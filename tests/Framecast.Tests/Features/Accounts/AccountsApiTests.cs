using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Accounts;

public sealed class AccountsApiTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_creates_account_and_session(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var name = $"New_{Guid.NewGuid():N}"[..20];

        var response = await host.Client.PostAsJsonAsync("/api/v1/users", new { username = name, password = TestUser.Password });

        var body = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        body.GetProperty("username").GetString().Should().Be(name.ToLowerInvariant());
        body.GetProperty("id").GetString().Should().MatchRegex("^[A-Za-z0-9]{11}$");
        var token = body.GetProperty("token").GetString()!;
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("fc_session=") && c.Contains("httponly"));
        var me = await (await host.NewClient(token).GetAsync("/api/v1/me")).ShouldBeJsonAsync();
        me.GetProperty("username").GetString().Should().Be(name.ToLowerInvariant());
        me.GetProperty("isAdmin").GetBoolean().Should().BeFalse();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_rejects_bad_names_and_passwords(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        foreach (var (username, password, field) in new[]
        {
            ("ab", TestUser.Password, "username"),
            (new string('a', 33), TestUser.Password, "username"),
            ("bad-name!", TestUser.Password, "username"),
            ("ok_name_" + Guid.NewGuid().ToString("N")[..6], "short", "password"),
            ((string?)null, (string?)null, "username"),
        })
        {
            var response = await host.Client.PostAsJsonAsync("/api/v1/users", new { username, password });
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
            problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"{username}/{password} should fail on {field}");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Usernames_are_unique_case_insensitively(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("dup");

        var response = await host.Client.PostAsJsonAsync("/api/v1/users", new { username = user.Username.ToUpperInvariant(), password = TestUser.Password });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "auth.username_taken");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_registrations_of_one_name_create_one_account(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var name = $"race_{Guid.NewGuid():N}"[..20];

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            host.Client.PostAsJsonAsync("/api/v1/users", new { username = name, password = TestUser.Password })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(5);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Login_is_case_insensitive_and_returns_token_with_expiry(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("login");

        var response = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username.ToUpperInvariant(), password = TestUser.Password });

        var body = await response.ShouldBeJsonAsync();
        var expiresAt = body.GetProperty("expiresAt").GetDateTime();
        expiresAt.Should().BeAfter(DateTime.UtcNow.AddDays(29)).And.BeBefore(DateTime.UtcNow.AddDays(31));
        var me = await host.NewClient(body.GetProperty("token").GetString()).GetAsync("/api/v1/me");
        (await me.ShouldBeJsonAsync()).GetProperty("id").GetString().Should().Be(user.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Me_without_or_with_a_bad_token_is_401(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);

        await (await host.Client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await host.NewClient("not-a-token").GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await host.NewClient(new string('A', 43)).GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Logout_invalidates_the_token_at_once_on_every_node(string provider)
    {
        var nodeA = await TestHost.StartAsync(provider, roles: "api");
        await using var _ = nodeA;
        await using var nodeB = await TestHost.StartAsync(provider, nodeA.Database, roles: "api");
        var user = await nodeA.RegisterAsync("logout");
        var onB = nodeB.NewClient(user.Token);
        (await onB.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await user.Client.DeleteAsync("/api/v1/sessions/current")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await onB.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await user.Client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sessions_survive_a_restart(string provider)
    {
        TestUser user;
        TestDatabase database;
        await using (var first = await TestHost.StartAsync(provider, roles: "api"))
        {
            user = await first.RegisterAsync("restart");
            database = first.Database;
        }

        await using var second = await TestHost.StartAsync(provider, database, roles: "api");

        var me = await second.NewClient(user.Token).GetAsync("/api/v1/me");
        (await me.ShouldBeJsonAsync()).GetProperty("username").GetString().Should().Be(user.Username);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cookie_session_works_and_needs_an_antiforgery_token_for_unsafe_calls(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("cookie");
        var login = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password });
        var sessionCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fc_session="));
        sessionCookie.Should().Contain("httponly").And.Contain("samesite=lax");
        var cookie = sessionCookie.Split(';')[0];
        using var client = host.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await client.DeleteAsync("/api/v1/sessions/current")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "auth.antiforgery");

        var tokenResponse = await client.GetAsync("/api/v1/antiforgery");
        var token = (await tokenResponse.ShouldBeJsonAsync()).GetProperty("token").GetString();
        var antiforgeryCookie = tokenResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fc_antiforgery=")).Split(';')[0];
        using var logout = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/sessions/current");
        logout.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        logout.Headers.Add("X-CSRF-TOKEN", token);
        using var plain = host.NewClient();
        (await plain.SendAsync(logout)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
