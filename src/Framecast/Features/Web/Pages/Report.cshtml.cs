using Framecast.Features.Accounts;
using Framecast.Features.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>
/// Reporting a video, comment, chat message, danmaku or account: a plain form (links to it sit beside each of those),
/// so it works without JavaScript. The reporter hears the outcome as a notification.
/// </summary>
public sealed class ReportModel(ReportsService reports) : PageModel
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["video"] = "video",
        ["comment"] = "comment",
        ["message"] = "chat message",
        ["danmaku"] = "danmaku comment",
        ["user"] = "account",
    };

    public static readonly IReadOnlyList<string> Reasons =
        ["Spam or scam", "Harassment or hate", "Sexual or violent content", "Copyright infringement", "Something else"];

    [BindProperty(SupportsGet = true)]
    public string Type { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    public string? Error { get; private set; }

    public bool Sent { get; private set; }

    public string What => Names.GetValueOrDefault(Type, "item");

    public IActionResult OnGet()
    {
        if (Viewer.From(User).UserId is null)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        return Names.ContainsKey(Type) && !string.IsNullOrWhiteSpace(Id) && Id.Length <= 100 ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is null)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        var reason = Reasons.Contains(Reason ?? "") ? Reason! : null;
        var text = reason is null ? null : string.IsNullOrWhiteSpace(Details) ? reason : $"{reason}: {Details.Trim()}";
        var request = new ReportRequest(Type, Id, text);
        if (reason is null || request.Validate().Count > 0)
        {
            Error = reason is null ? "Choose a reason." : $"Keep the details under {ReportRequest.MaxReasonLength - reason.Length - 2} characters.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (report, _) = await reports.ReportAsync(Viewer.From(User), request, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }
        Sent = true;
        return Page();
    }
}
