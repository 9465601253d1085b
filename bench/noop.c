/* The physical floor: a hook that reads its event to EOF and answers nothing. */
#include <unistd.h>
int main(void) {
  char buf[65536];
  while (read(0, buf, sizeof buf) > 0) {}
  return 0;
}
