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
    public async Task Five_failures_from_one_address_throttle_every_username_from_it(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var victim = await host.RegisterAsync("victim");
        for (var i = 0; i < 5; i++)
        {
            await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = $"guess_{i}", password = "whatever1" });
        }

        var refused = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = victim.Username, password = TestUser.Password });

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate.limited");
        refused.Headers.RetryAfter.Should().NotBeNull();
    }
}
