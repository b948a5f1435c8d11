using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Framecast.Tests.Features.Admin;

/// <summary>Every route under /api/v1/admin, whichever feature maps it, refuses anonymous callers and non-admins.</summary>
public sealed class AdminAccessTests
{
    [Fact]
    public async Task Every_admin_route_answers_401_to_anonymous_and_403_to_a_signed_in_user()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var user = await host.RegisterAsync("na");
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Concrete(e.RoutePattern.RawText!))))
            .Distinct().ToList();
        routes.Should().Contain(("POST", "/api/v1/admin/users/x/ban")).And.Contain(("GET", "/api/v1/admin/audit"))
            .And.Contain(("POST", "/api/v1/admin/vouchers")).And.Contain(("POST", "/api/v1/admin/live/x/end"));
        foreach (var (method, path) in routes)
        {
            using (var anonymous = await host.Client.SendAsync(Request(method, path)))
            {
                await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
            }
            using var signedIn = await user.Client.SendAsync(Request(method, path));
            await signedIn.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        }
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { reason = "x" }) };

    /// <summary>A path for the pattern: every parameter given a plausible value ({id:long} a number).</summary>
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:long)?\}", m => m.Groups[2].Success ? "1" : "x").TrimEnd('/');
}
