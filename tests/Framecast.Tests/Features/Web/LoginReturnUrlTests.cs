using System.Net;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Web;

/// <summary>The log-in page's return URL: only this site, and never a 500 for what a client sends (issue 10).</summary>
public sealed partial class LoginReturnUrlTests
{
    public static TheoryData<string?, string> ReturnUrls => new()
    {
        { "/upload", "/upload" },
        { "/v/abc?t=1", "/v/abc?t=1" },
        { "//evil.example/x", "/" },
        { "/\\evil.example", "/" },
        { "https://evil.example/", "/" },
        { "javascript:alert(1)", "/" },
        { "/\t/evil.example", "/" },
        { "/\v/evil.example", "/" },
        { "/\0/evil.example", "/" },
        { "/\x7f/evil.example", "/" },
        { "\u3002", "/" },
        { "/\u3002evil.example", "/%E3%80%82evil.example" },
        { "/caf\u00e9?q=\U0001F600", "/caf%C3%A9?q=%F0%9F%98%80" },
        { "", "/" },
        { null, "/" },
    };

    [Theory, MemberData(nameof(ReturnUrls))]
    public async Task A_signed_in_visitor_is_sent_on_to_a_local_url_only(string? returnUrl, string expected)
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var user = await host.RegisterAsync("ret");
        using var request = new HttpRequestMessage(HttpMethod.Get, returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        request.Headers.Add("Cookie", $"fc_session={user.Token}");

        var response = await NoRedirectClient(host).SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(expected);
    }

    [Theory]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\u3002evil.example", "/%E3%80%82evil.example")]
    [InlineData("/studio", "/studio")]
    public async Task The_log_in_form_sends_the_user_on_to_a_local_url_only(string returnUrl, string expected)
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var user = await host.RegisterAsync("retform");
        var client = NoRedirectClient(host);
        var page = await client.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups["token"].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = user.Username, ["password"] = TestUser.Password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", cookies);

        var response = await client.SendAsync(post);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.Should().Be(expected);
    }

    private static HttpClient NoRedirectClient(TestHost host) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Address };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
