"""The ``filter`` transformation: a small, safe subset of Azure's filter expressions.

Supported: ``col("name")`` (or a bare column name), numbers, strings, ``True``/``False``/
``None``, ``datetime(y, m, d[, H, M, S])``, comparisons (``== != < <= > >=``, also chained),
``+ - * /``, ``and``/``or``/``not``. Rows where the expression is null count as not kept.
Anything else (other functions, attributes, subscripts) is refused with an error naming it.
"""

import ast
import datetime
import operator

from ._errors import MLTableError

_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
            ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Div: operator.truediv}


def compile_filter(expression, source, field):
    """The parsed ``expression``; raises :class:`MLTableError` if it is outside the subset."""
    if not isinstance(expression, str) or not expression.strip():
        raise MLTableError(f"expected an expression string, got {expression!r}", source, field)
    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except SyntaxError as error:
        raise MLTableError(f"is not a valid expression ({error.msg}): {expression!r}", source, field) from None
    _check(tree, source, field)
    return tree


def _check(node, source, field):
    allowed = (ast.BoolOp, ast.UnaryOp, ast.Compare, ast.BinOp, ast.Constant, ast.Name, ast.Call,
               ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Load) + tuple(_COMPARE) + tuple(_ARITHMETIC)
    if not isinstance(node, allowed):
        raise MLTableError(f"{type(node).__name__} is not supported in filter expressions "
                           "(supported: col(\"name\"), constants, datetime(...), comparisons, "
                           "+ - * /, and/or/not)", source, field)
    if isinstance(node, ast.Call):
        _check_call(node, source, field)
        return
    for child in ast.iter_child_nodes(node):
        _check(child, source, field)


def _check_call(node, source, field):
    name = node.func.id if isinstance(node.func, ast.Name) else None
    constants = all(isinstance(arg, ast.Constant) for arg in node.args) and not node.keywords
    if name == "col" and constants and len(node.args) == 1 and isinstance(node.args[0].value, str):
        return
    if name == "datetime" and constants and 3 <= len(node.args) <= 6:
        return
    shown = ast.unparse(node)
    raise MLTableError(f"{shown!r} is not supported in filter expressions; only col(\"name\") "
                       "and datetime(year, month, day[, hour, minute, second]) calls are", source, field)


def apply_filter(frame, tree, source, field):
    """The rows of ``frame`` where ``tree`` is true."""
    try:
        mask = _evaluate(tree, frame, source, field)
    except TypeError as error:
        raise MLTableError(f"cannot evaluate {ast.unparse(tree)!r}: {error}", source, field) from None
    if not hasattr(mask, "fillna"):
        return frame if mask else frame.iloc[0:0]
    return frame[mask.fillna(False).astype(bool)]


def _evaluate(node, frame, source, field):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return _column(frame, node.id, source, field)
    if isinstance(node, ast.Call):
        values = [arg.value for arg in node.args]
        return _column(frame, values[0], source, field) if node.func.id == "col" else datetime.datetime(*values)
    if isinstance(node, ast.BoolOp):
        return _bool_op(node, frame, source, field)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, frame, source, field)
        return _negate(value) if isinstance(node.op, ast.Not) else (-value if isinstance(node.op, ast.USub) else value)
    if isinstance(node, ast.BinOp):
        left, right = (_evaluate(n, frame, source, field) for n in (node.left, node.right))
        return _ARITHMETIC[type(node.op)](left, right)
    return _compare(node, frame, source, field)


def _column(frame, name, source, field):
    if name not in frame.columns:
        shown = ", ".join(repr(c) for c in frame.columns if not str(c).startswith("\0"))
        raise MLTableError(f"column {name!r} does not exist (columns: {shown})", source, field)
    return frame[name]


def _bool_op(node, frame, source, field):
    values = [_truth(_evaluate(v, frame, source, field)) for v in node.values]
    result = values[0]
    for value in values[1:]:
        result = (result & value) if isinstance(node.op, ast.And) else (result | value)
    return result


def _truth(value):
    return value.fillna(False).astype(bool) if hasattr(value, "fillna") else bool(value)


def _negate(value):
    return ~_truth(value) if hasattr(value, "fillna") else not value


def _compare(node, frame, source, field):
    left = _evaluate(node.left, frame, source, field)
    result = True
    for op, right_node in zip(node.ops, node.comparators):
        right = _evaluate(right_node, frame, source, field)
        step = _compare_pair(_COMPARE[type(op)], left, right)
        result = step if result is True else (_truth(result) & _truth(step))
        left = right
    return result


def _compare_pair(compare, left, right):
    if right is None or left is None:
        series = left if right is None else right
        nulls = series.isna() if hasattr(series, "isna") else series is None
        return nulls if compare is operator.eq else ~nulls if compare is operator.ne else nulls & False
    left, right = _align(left, right), _align(right, left)
    return compare(left, right)


def _align(value, other):
    """A string constant compared with a numeric or datetime column is read as that type."""
    if not isinstance(value, str) or not hasattr(other, "dtype"):
        return value
    kind = other.dtype.kind
    try:
        if kind in "iuf":
            return float(value)
        if kind == "M":
            import pandas

            return pandas.Timestamp(value)
    except ValueError:
        return value
    return value
