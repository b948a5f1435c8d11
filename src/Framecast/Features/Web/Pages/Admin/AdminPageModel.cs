using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages.Admin;

/// <summary>
/// Every console page: a frame whose script reads and acts through <c>/api/v1/admin/...</c> (so all it does can be
/// scripted too); the pages share this model and differ only in markup.
/// </summary>
[AdminOnly]
public sealed class AdminPageModel : PageModel
{
    public void OnGet()
    {
    }
}
