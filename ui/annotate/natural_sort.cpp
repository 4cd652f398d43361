#include "ui/annotate/natural_sort.h"

namespace polytrain::ui::annotate {

bool naturalLess(const QString& a, const QString& b) {
  int i = 0, j = 0;
  const int n = a.size(), m = b.size();
  while (i < n && j < m) {
    const QChar ca = a[i], cb = b[j];
    if (ca.isDigit() && cb.isDigit()) {
      // Compare digit runs by value: skip leading zeros, then longer is larger, then digit by digit.
      int si = i, sj = j;
      while (si < n && a[si] == '0')
        ++si;
      while (sj < m && b[sj] == '0')
        ++sj;
      int ei = si, ej = sj;
      while (ei < n && a[ei].isDigit())
        ++ei;
      while (ej < m && b[ej].isDigit())
        ++ej;
      if (ei - si != ej - sj)
        return ei - si < ej - sj;
      for (int k = 0; k < ei - si; ++k)
        if (a[si + k] != b[sj + k])
          return a[si + k] < b[sj + k];
      // Equal values: fewer leading zeros first, then go on.
      if (si - i != sj - j)
        return si - i < sj - j;
      i = ei;
      j = ej;
      continue;
    }
    const QChar la = ca.toLower(), lb = cb.toLower();
    if (la != lb)
      return la < lb;
    ++i;
    ++j;
  }
  if (n - i != m - j)
    return n - i < m - j;
  return a < b; // only case differs: a stable, deterministic order
}

} // namespace polytrain::ui::annotate
