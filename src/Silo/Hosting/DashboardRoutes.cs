using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing.Template;

namespace ModelOps.Silo.Hosting;

/// <summary>
/// The paths the dashboard's router answers (its pages' <c>@page</c> routes), read from the dashboard assembly so the
/// server and the router never disagree. Only these serve the single-page app; any other unknown path is a 404, so a
/// mistyped probe (<c>/healthz</c>) or scrape (<c>/prometheus</c>) cannot read the dashboard's HTML as "fine".
/// </summary>
public sealed class DashboardRoutes
{
    private readonly TemplateMatcher[] matchers;

    public DashboardRoutes(Assembly dashboard)
    {
        matchers =
        [
            .. dashboard.GetExportedTypes()
                .Where(type => typeof(IComponent).IsAssignableFrom(type))
                .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
                .Select(route => new TemplateMatcher(TemplateParser.Parse(route.Template.TrimStart('/')), new RouteValueDictionary())),
        ];
    }

    public static DashboardRoutes Of(Assembly dashboard) => new(dashboard);

    /// <summary>True for a path the dashboard renders: the host page is served for it.</summary>
    public bool Contains(PathString path) => matchers.Any(matcher => matcher.TryMatch(path, new RouteValueDictionary()));
}
