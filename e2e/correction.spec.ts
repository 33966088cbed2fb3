import { test, expect } from '@playwright/test';
import { act, idNumber, logInClerk, logInVerified, openApp, projectIndex as project, scan, SHOP, subCase, submitRestaurant } from './support';

// 补正 of a form answer (需更正) rather than a file: the clerk points the item at 经营场所地址 on
// the application form, the citizen corrects the value on the case page (an empty answer is
// refused next to the field), and the clerk reads the corrected address in 申请表.

const CORRECTED = '荆州市沙市区中山路12号附1号';

test('a wrong form answer corrected in place: 需更正 about 经营场所地址, the new address reaches the clerk', async ({ page, browser, request }, testInfo) => {
  test.setTimeout(240_000);
  const p = project(testInfo);
  await logInVerified(page, request, `1374200${p}001`, '周建国', idNumber('19790315', 800 + p));
  const number = await submitRestaurant(page, idNumber('19920202', 900 + p));
  const shop = await subCase(page, number, SHOP);

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await openApp(clerk, '/clerk/login');
  await logInClerk(clerk);
  await openApp(clerk, `/clerk/cases/${shop.number}`);
  await expect(clerk.getByRole('heading', { level: 1, name: SHOP })).toBeVisible();
  await act(clerk, '受理', '确认受理');
  await act(clerk, '开始审查', '确认开始审查');
  await act(clerk, '要求补正', '确认要求补正', async () => {
    const item = clerk.getByRole('group', { name: '第1项' });
    // Choosing the form's answer names the item and makes it one to correct.
    await item.getByLabel('关于').selectOption({ label: '申请表：经营场所地址' });
    await expect(item.getByLabel('材料或事项名称')).toHaveValue('经营场所地址');
    await expect(item.getByLabel('补正类型')).toHaveValue('needs_correction');
    await item.getByLabel('补正要求').fill('门牌号与租赁合同不一致，请按合同填写“附1号”');
    if (testInfo.project.name === 'phone') await scan(clerk, '要求补正');
  });
  await expect(clerk.getByText('待补正').first()).toBeVisible();

  // The citizen corrects the value where the item is listed: an input, not an upload.
  await openApp(page, `/me/cases/${number}`);
  const supplement = page.getByRole('region', { name: '需要补正的内容' });
  await expect(supplement.getByText('需更正')).toBeVisible();
  await expect(supplement.getByText(/门牌号与租赁合同不一致/)).toBeVisible();
  await expect(supplement.getByLabel(/^上传/)).toHaveCount(0);
  const address = supplement.getByLabel('更正后的“经营场所地址”');
  await supplement.getByRole('button', { name: '已按要求补正' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '请修改以下问题' })).toBeVisible();
  await expect(supplement.getByText('请填写更正后的“经营场所地址”').first()).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await address.fill(CORRECTED);
  await supplement.getByRole('button', { name: '已按要求补正' }).click();
  const confirm = page.getByRole('alertdialog', { name: '确认已按要求补正？' });
  await confirm.getByRole('button', { name: '确认已补正' }).click();
  await expect(page.getByText('已补正，待审查').first()).toBeVisible();

  // The clerk sees what was corrected, and the form now holds it.
  await clerk.reload();
  await expect(clerk.getByRole('heading', { level: 1, name: SHOP })).toBeVisible();
  const supplied = clerk.getByRole('region', { name: '申请人补正的材料' });
  await expect(supplied.getByText(CORRECTED)).toBeVisible();
  const form = clerk.getByRole('region', { name: '申请表' });
  await expect(form.getByText(CORRECTED, { exact: true })).toBeVisible();
  await clerkContext.close();
});
