using System.Linq.Expressions;

namespace IcpFiling.Core.Persistence;

/// <summary>Turns a projection kept as a static expression into the lambda one query needs.</summary>
public static class ExpressionBinding
{
    /// <summary>
    /// The lambda of <paramref name="expression"/> with its first two parameters fixed (the context, a switch): the
    /// query then reads the context's sets as a lambda that captured it would, and EF picks the switch's branch.
    /// </summary>
    public static Expression<Func<T, TResult>> Bind<TContext, TSwitch, T, TResult>(
        this Expression<Func<TContext, TSwitch, T, TResult>> expression, TContext context, TSwitch @switch)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var body = new Replacer(expression.Parameters[0], Expression.Constant(context, typeof(TContext)), expression.Parameters[1], Expression.Constant(@switch, typeof(TSwitch)))
            .Visit(expression.Body);
        return Expression.Lambda<Func<T, TResult>>(body, expression.Parameters[2]);
    }

    private sealed class Replacer(ParameterExpression first, Expression firstValue, ParameterExpression second, Expression secondValue) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == first ? firstValue : node == second ? secondValue : node;
    }
}
