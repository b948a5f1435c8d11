using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>The friendly page for 404s and errors of page requests (API and media paths keep problem+json).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Render(code);

    public IActionResult OnPost(int? code) => Render(code);

    private IActionResult Render(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var status = reExecuted ? Response.StatusCode : code ?? StatusCodes.Status404NotFound;
        if (!WebRegistration.IsPageRequest(HttpContext))
        {
            return StatusCode(status);
        }
        Response.StatusCode = status;
        (Heading, Message) = status switch
        {
            404 => ("Page not found", "There is nothing here. The video may have been deleted or made private, or the address is mistyped."),
            403 => ("Not allowed", "You do not have access to this page."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            >= 500 => ("Something went wrong", "The server ran into a problem. Please try again; if it keeps happening, tell the site's operator."),
            _ => ("Something went wrong", "The request could not be completed."),
        };
        return Page();
    }
}
