using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Framecast.Features.Web.Pages.Admin;

/// <summary>
/// The console does not exist for anyone but admins: a plain 404 (the site's "Page not found"), never a log-in
/// redirect or a 403 that would say there is something here. First of the filters, so it also precedes the
/// antiforgery check of a POST.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AdminOnlyAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!Viewer.From(context.HttpContext.User).IsAdmin)
        {
            context.Result = new NotFoundResult();
        }
    }
}
