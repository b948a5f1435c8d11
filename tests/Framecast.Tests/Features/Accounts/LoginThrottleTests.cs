using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Accounts;

/// <summary>Each test has its own host: every request comes from 127.0.0.1, so failures would throttle other tests.</summary>
public sealed class LoginThrottleTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Wrong_password_and_unknown_user_are_401(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var user = await host.RegisterAsync("wrong");

        await (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = "not the password" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = "nobody_here", password = TestUser.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_failures_for_a_username_lock_it_even_for_the_right_password(string provider)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await TestHost.StartAsync(provider, roles: "api", services: s => s.AddSingleton<TimeProvider>(clock));
        var user = await host.RegisterAsync("locked");
        for (var i = 0; i < 5; i++)
        {
            (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = $"wrong {i}" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var refused = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password });

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        retryAfter.Should().BeInRange(14 * 60, 15 * 60, "the default window is 15 minutes");

        clock.Advance(TimeSpan.FromSeconds(retryAfter - 5));
        (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password }))
            .StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "still inside the window");
        clock.Advance(TimeSpan.FromSeconds(6));
        (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Failures_on_other_accounts_from_one_address_do_not_lock_out_an_account_from_it(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var victim = await host.RegisterAsync("victim");
        for (var i = 0; i < 10; i++)
        {
            await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = $"guess_{i % 2}", password = "whatever1" });
        }

        (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = victim.Username, password = TestUser.Password }))
            .StatusCode.Should().Be(HttpStatusCode.OK, "a shared address (a proxy, an office) is not locked out by someone else's guesses");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_address_trying_many_accounts_is_slowed_down(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api", settings: new Dictionary<string, string?> { ["Auth:MaxLoginFailuresPerAddress"] = "8" });
        for (var i = 0; i < 8; i++)
        {
            (await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = $"spray_{i}", password = "whatever1" }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var refused = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = "spray_9", password = "whatever1" });

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        refused.Headers.RetryAfter.Should().NotBeNull();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_64_simultaneous_wrong_attempts_exactly_five_are_checked(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var user = await host.RegisterAsync("burst");

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = $"wrong guess {i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).Should().Be(5);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(59);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_owners_own_browser_signs_in_while_an_attacker_has_locked_the_account(string provider)
    {
        // Behind a trusted proxy, so the attacker can come from many addresses (X-Forwarded-For) as a botnet would.
        var settings = new Dictionary<string, string?> { ["Network:KnownProxies:0"] = "127.0.0.1", ["Auth:MaxLoginFailuresPerAccount"] = "20" };
        await using var host = await TestHost.StartAsync(provider, roles: "api", settings: settings);
        var owner = await host.RegisterAsync("owner");
        var device = await SignInAsync(host, owner.Username, TestUser.Password, "203.0.113.7", cookie: null);
        device.StatusCode.Should().Be(HttpStatusCode.OK);
        var deviceCookie = device.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fc_device=", StringComparison.Ordinal)).Split(';')[0];

        var attack = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => SignInAsync(host, owner.Username, $"guess {i}", $"198.51.100.{i}", cookie: null)));

        attack.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).Should().Be(20, "the account-wide limit caps guesses from all addresses together");
        (await SignInAsync(host, owner.Username, TestUser.Password, "192.0.2.1", cookie: null)).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "a browser never seen before waits like the attacker");
        (await SignInAsync(host, owner.Username, TestUser.Password, "198.51.100.1", deviceCookie)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the owner's own browser is not locked out, even from an attacker's address");
        for (var i = 0; i < 5; i++)
        {
            (await SignInAsync(host, owner.Username, $"stolen cookie {i}", "192.0.2.9", deviceCookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        (await SignInAsync(host, owner.Username, TestUser.Password, "192.0.2.9", deviceCookie)).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "the device's own allowance is five guesses too");
    }

    private static Task<HttpResponseMessage> SignInAsync(TestHost host, string username, string password, string address, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return host.Client.SendAsync(request);
    }
}
